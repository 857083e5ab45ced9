// Bad input to a language-model tool: a clear sentence for the model, no stack trace.

export class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
}

/** A positive whole number or undefined; anything else is a ToolInputError naming the field. */
export function positiveInt(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new ToolInputError(`${field} must be a whole number of 1 or more.`);
  return value;
}

/** A trimmed non-empty string or undefined. */
export function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ToolInputError(`${field} must be a string.`);
  return value.trim() || undefined;
}

export function requiredText(value: unknown, field: string): string {
  const text = optionalText(value, field);
  if (!text) throw new ToolInputError(`${field} is required.`);
  return text;
}
