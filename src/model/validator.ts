/**
 * The shape of the validation functions the build compiles from schemas/ (Ajv's standalone
 * code, build/validators/schemas.cjs): self-contained, so Ajv itself is needed only to build.
 */
export interface ValidationError {
  instancePath: string;
  message?: string;
}

export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}
