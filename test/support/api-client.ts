import type { ErrorBody } from '@citygrid/common';

export const DEMO_PASSWORD = 'citygrid';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A signed-in (or anonymous) caller of the api, speaking JSON. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null = null,
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return toApiResponse<T>(response);
  }

  /** Posts multipart/form-data (fields and files, as a phone form sends them). */
  async postForm<T = unknown>(
    path: string,
    form: FormData,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers },
      body: form,
    });
    return toApiResponse<T>(response);
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }

  patch<T = unknown>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }

  put<T = unknown>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }

  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

/** The answer as tests read it: JSON parsed when the server says it is JSON, text otherwise. */
async function toApiResponse<T>(response: Response): Promise<ApiResponse<T>> {
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '');
  return {
    status: response.status,
    body: (json && text ? JSON.parse(text) : text) as T,
    headers: response.headers,
  };
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  user: { id: string; username: string; roles: string[] };
}

/** Signs in as a demo user (every one has the password "citygrid") and returns a client carrying the token. */
export async function signIn(
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<ApiClient> {
  const response = await new ApiClient(baseUrl).post<Tokens>('/api/v1/auth/login', { username, password });
  if (response.status !== 200) {
    throw new Error(`sign-in as ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return new ApiClient(baseUrl, response.body.accessToken);
}

export const errorCode = (response: ApiResponse): string => (response.body as ErrorBody).error?.code;

/** The details of an error answer (DESIGN.md §9): each names a field or item, a reason and more. */
export const errorDetails = (response: ApiResponse): Array<Record<string, unknown>> =>
  (response.body as ErrorBody).error?.details ?? [];
