import { z } from "zod";
import { cidrProblem } from "./cidr";

/** Accepts true/false and the strings "true"/"false", as `pulumi config set` stores them. */
export const bool = () =>
  z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ error: "must be true or false" }));

/** A value that is a secret in the stack file: plain text (decrypted by Pulumi) or `{secure: ...}` (render). */
export const secretString = () =>
  z.union([z.string().min(1), z.strictObject({ secure: z.string() })], {
    error: "must be set with `pulumi config set --secret --path <key> <value>`",
  });

/** Longest repository path: render writes below it, and file systems refuse paths of more than 4096 bytes. */
export const maxRepositoryPath = 1024;

/** A path inside a repository: `./` then plain segments, never `..`, `.` or empty ones (render writes below it). */
export const repositoryPath = (example: string) =>
  z
    .string({ error: `must be a repository path starting with ./, e.g. ${example}` })
    .max(maxRepositoryPath, {
      abort: true,
      error: (issue) =>
        `is ${typeof issue.input === "string" ? issue.input.length : "too many"} characters; a repository path may be at most ${maxRepositoryPath} (file systems refuse longer ones), e.g. ${example}`,
    })
    .regex(/^\.\/[A-Za-z0-9._\-/]*[A-Za-z0-9._-]$/, { error: `must be a repository path starting with ./, e.g. ${example}` })
    .refine(
      (v) =>
        v
          .slice(2)
          .split("/")
          .every((segment) => segment !== "" && segment !== "." && segment !== ".."),
      {
        error: `must stay inside the repository: no "..", "." or empty segments after the leading ./ (e.g. ${example})`,
      },
    )
    .refine((v) => !v.split("/").some((segment) => segment.toLowerCase() === ".git"), {
      error: `must not have a .git directory in it: that is Git's own data, which no commit may hold (e.g. ${example})`,
    });

/** An IPv4 CIDR (network address and prefix); a near miss says what to write instead. */
export const ipv4Cidr = (example: string) =>
  z.string({ error: `must be an IPv4 CIDR such as ${example}` }).superRefine((value, ctx) => {
    const reason = cidrProblem(value, example);
    if (reason !== undefined) ctx.addIssue({ code: "custom", message: reason });
  });
