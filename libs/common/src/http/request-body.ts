import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { CommonErrorCode, DomainException, ErrorKind } from '../errors/domain.exception';

export interface UploadedFile {
  /** The form field the file came in, with its index among all files: `photos[2]`. */
  field: string;
  data: Buffer;
}

export interface RequestBody {
  /** Form fields (a repeated name becomes an array) or the JSON body. */
  fields: Record<string, unknown>;
  files: UploadedFile[];
}

export interface UploadLimits {
  /** The one form field files may come in. */
  fileField: string;
  files: number;
  fileBytes: number;
}

/** Forms carry a handful of short fields beside their files. */
const MAX_FIELDS = 50;
const MAX_FIELD_BYTES = 64 * 1024;

const tooLarge = (reason: string, message: string, field?: string) =>
  new DomainException(CommonErrorCode.PAYLOAD_TOO_LARGE, message, ErrorKind.TooLarge, [
    { ...(field ? { field } : {}), reason, message },
  ]);

/**
 * Reads a body that is either JSON or multipart/form-data with files, so one endpoint serves a phone form
 * with photos and a plain JSON client. Files are buffered within the limits; going past one is a 413 that
 * says which limit.
 */
export async function readRequestBody(request: FastifyRequest, limits: UploadLimits): Promise<RequestBody> {
  if (!request.isMultipart()) {
    const body = request.body;
    return { fields: body && typeof body === 'object' ? { ...(body as object) } : {}, files: [] };
  }
  const fields: Record<string, unknown> = {};
  const files: UploadedFile[] = [];
  try {
    for await (const part of request.parts({
      limits: {
        files: limits.files,
        fileSize: limits.fileBytes,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        parts: limits.files + MAX_FIELDS,
      },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== limits.fileField) {
          throw new DomainException(
            CommonErrorCode.VALIDATION_FAILED,
            `Files go in the field ${limits.fileField}`,
            ErrorKind.Invalid,
            [
              {
                field: part.fieldname,
                reason: 'unexpected_file',
                message: `send files as ${limits.fileField}`,
              },
            ],
          );
        }
        const field = `${part.fieldname}[${files.length}]`;
        files.push({ field, data: await part.toBuffer() });
        continue;
      }
      if (part.valueTruncated) {
        throw tooLarge(
          'field_too_large',
          `A form field is at most ${MAX_FIELD_BYTES / 1024} KB`,
          part.fieldname,
        );
      }
      const value = part.value;
      const previous = fields[part.fieldname];
      fields[part.fieldname] =
        previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
  } catch (error) {
    switch ((error as { code?: string }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        throw tooLarge(
          'file_too_large',
          `A file is at most ${limits.fileBytes / 1024 / 1024} MB`,
          `${limits.fileField}[${files.length}]`,
        );
      case 'FST_FILES_LIMIT':
        throw tooLarge('too_many_files', `At most ${limits.files} files may be sent at once`);
      case 'FST_FIELDS_LIMIT':
      case 'FST_PARTS_LIMIT':
        throw tooLarge('too_many_fields', 'The form has too many fields');
      default:
        throw error;
    }
  }
  return { fields, files };
}
