import { api, type Query } from '../api/api-client';

/**
 * Downloads a file the api answers only with the bearer token (an export): fetched as a blob, then saved
 * through a temporary object URL under the given name.
 */
export async function download(path: string, query: Query, filename: string): Promise<void> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const blob = await api.blob(`${path}?${params}`);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after the click returns: let it go a while later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
