import { MutableString } from '@fakeredis/core';

/**
 * A short string Redis created with createStringObject rather than tryObjectEncoding,
 * so it is "embstr" even when it reads as an integer (INCRBYFLOAT's result "3001").
 * Plain Bytes would report "int" for such text.
 */
export class EmbeddedString extends MutableString {
  override encoding(): string {
    return 'embstr';
  }

  override clone(): EmbeddedString {
    return new EmbeddedString(this.view());
  }
}
