/**
 * A configuration value that must never be printed. `toString`/`toJSON`/`inspect`
 * return a redaction, so logging or serialising the config cannot leak it.
 * `plaintext` is undefined when the value is only known to be set (render reads
 * the encrypted stack file and cannot decrypt it).
 */
export class SecretValue {
  readonly #plaintext: string | undefined;

  constructor(plaintext: string | undefined) {
    this.#plaintext = plaintext;
  }

  /** The secret itself; hand it straight to `pulumi.secret(...)`. */
  reveal(): string | undefined {
    return this.#plaintext;
  }

  toString(): string {
    return "<secret>";
  }

  toJSON(): string {
    return "<secret>";
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "<secret>";
  }
}
