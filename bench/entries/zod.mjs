import { createSchema } from "../schemas/zod.mjs";
export const validate = (request) => createSchema.safeParse(request);
