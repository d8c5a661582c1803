// The HTTP client that request-without-timeout.ts shows. It is not a dependency of this repository, so its
// shape is declared here for the type-check; the rule recognises it by import.
declare module 'axios' {
  export interface AxiosRequestConfig {
    baseURL?: string;
    timeout?: number;
    signal?: AbortSignal;
    headers?: Record<string, string>;
  }
  export interface AxiosResponse<T> {
    data: T;
    status: number;
  }
  export interface AxiosInstance {
    get<T>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    post<T>(url: string, data?: unknown, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
  }
  const axios: AxiosInstance & { create(config?: AxiosRequestConfig): AxiosInstance };
  export default axios;
}
