import type { CaseDetailDto } from '@citygrid/cases';
import sharp from 'sharp';
import { ApiClient, type ApiResponse } from './api-client';

/** A real image of the given format, made by sharp: what a phone would send. */
export async function photo(
  format: 'jpeg' | 'png' | 'webp' = 'jpeg',
  width = 64,
  height = 48,
): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 60 } } })
    .toFormat(format)
    .toBuffer();
}

export interface SendOptions {
  photos?: Buffer[];
  headers?: Record<string, string>;
}

/** Sends fields (and photos) as multipart/form-data when there are photos, otherwise as JSON. */
export function send<T = CaseDetailDto>(
  client: ApiClient,
  path: string,
  fields: Record<string, unknown>,
  options: SendOptions = {},
): Promise<ApiResponse<T>> {
  if (!options.photos?.length) return client.post<T>(path, fields, options.headers);
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) form.append(name, String(value));
  }
  options.photos.forEach((data, i) => form.append('photos', new Blob([data]), `photo-${i}.jpg`));
  return client.postForm<T>(path, form, options.headers);
}

/** Takes an action on a case at the version it was last seen. */
export function act(
  client: ApiClient,
  seen: Pick<CaseDetailDto, 'id' | 'version'>,
  action: string,
  fields: Record<string, unknown> = {},
  options: SendOptions = {},
): Promise<ApiResponse<CaseDetailDto>> {
  return send(
    client,
    `/api/v1/cases/${seen.id}/actions/${action}`,
    { version: seen.version, ...fields },
    options,
  );
}

/** A new report by an inspector, at a point, with one photo. */
export function report(
  client: ApiClient,
  at: [number, number] | null,
  fields: Record<string, unknown> = {},
  options: SendOptions = {},
): Promise<ApiResponse<CaseDetailDto>> {
  return send(
    client,
    '/api/v1/cases',
    {
      matterKind: 'event',
      matterCode: '06010',
      conditionKey: 'a',
      description: '人行道上垃圾堆积约 2 平方米',
      ...(at ? { lng: at[0], lat: at[1] } : {}),
      ...fields,
    },
    options,
  );
}
