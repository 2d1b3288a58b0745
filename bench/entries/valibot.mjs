import { safeParse } from "valibot";
import { createSchema } from "../schemas/valibot.mjs";
export const validate = (request) => safeParse(createSchema, request);
