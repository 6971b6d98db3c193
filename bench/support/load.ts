import autocannon from 'autocannon';

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'PATCH' | 'POST';
  headers?: Record<string, string>;
  /** Builds each request (path, headers, body) — e.g. a different milestone each time. */
  nextRequest?: () => { path: string; headers?: Record<string, string>; body?: string };
  connections?: number;
  durationSeconds?: number;
}

/** One autocannon run. Non-2xx answers are counted, so a run that mostly failed is visible. */
export async function measureLoad(options: LoadOptions): Promise<LoadFigures> {
  const { nextRequest } = options;
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers,
    connections: options.connections ?? 20,
    duration: options.durationSeconds ?? Number(process.env.BENCH_SECONDS ?? 10),
    requests: nextRequest
      ? [
          {
            setupRequest: (request: autocannon.Request) => {
              const next = nextRequest();
              return { ...request, path: next.path, body: next.body, headers: { ...request.headers, ...next.headers } };
            },
          },
        ]
      : undefined,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
