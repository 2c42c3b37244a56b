import { yup } from '@strapi/utils';
import { validate } from '../participation/http';

/** Query-string parameters shared by the members' space's lists, with messages for people. */
const PAGE = 'page doit être un entier positif / page must be a positive whole number';

export const pageParam = yup.number().typeError(PAGE).integer(PAGE).min(1, PAGE).max(10000, PAGE);

export const textParam = (name: string, max: number) =>
  yup.string().trim().max(max, `${name} : ${max} caractères au plus / ${name}: ${max} characters at most`);

/** The query string checked against a list's schema (numbers arrive as text: cast, not strict). */
export const readQuery = <T>(schema: yup.AnySchema, query: unknown) => validate<T>(schema, query, { strict: false });
