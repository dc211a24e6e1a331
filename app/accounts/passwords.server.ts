import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's 2024 minimum (19 MiB, 2 passes, 1 lane): ~25 ms here, slow enough to
// make guessing expensive, fast enough for a login form. @node-rs/argon2 defaults to argon2id.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed login, not a crash
  }
}

// Verifying against this when the e-mail is unknown makes "no such account" take as long as
// "wrong password", so response times do not reveal who has an account.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("not a real password, only for equal timing");
  await verifyPassword(await dummyHash, password);
}
