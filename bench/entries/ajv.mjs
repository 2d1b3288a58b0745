import { validateCreate } from "../schemas/ajv.mjs";
export const validate = (request) => validateCreate(request);
