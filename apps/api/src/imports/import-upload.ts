/**
 * Reads POST /imports' multipart body (@fastify/multipart): the one file part and the
 * text fields, the file capped at IMPORT_MAX_FILE_BYTES while it is received.
 */
import type { FastifyRequest } from 'fastify';
import type { ImportUpload } from './imports.service';
import { ImportErrors } from './import.errors';

export async function readImportUpload(request: FastifyRequest, maxFileBytes: number): Promise<ImportUpload> {
  if (!request.isMultipart()) throw ImportErrors.notMultipart();
  const fields: Record<string, string> = {};
  let file: Buffer | undefined;
  let fileName = 'upload.xlsx';
  try {
    for await (const part of request.parts({ limits: { fileSize: maxFileBytes, files: 1, fields: 10, fieldSize: 1024 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          await part.toBuffer().catch(() => undefined);
          continue;
        }
        file = await part.toBuffer();
        fileName = part.filename || fileName;
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw ImportErrors.fileTooLarge(maxFileBytes);
    if (code?.startsWith('FST_')) throw ImportErrors.notMultipart();
    throw error;
  }
  if (!file || file.length === 0) throw ImportErrors.missingFile();
  return { file, fileName, fields };
}
