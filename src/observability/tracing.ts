import type { Tracer, TracerProvider } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TracingSettings } from '../config-types.ts';

/** The instrumentation scope every span of this server is recorded under. */
const SCOPE = 'auth0-graph';

export interface Tracing {
  readonly tracer: Tracer;
  /** Exports what is still batched and stops the exporter; a no-op for an injected provider, whose owner flushes it. */
  close(): Promise<void>;
}

/**
 * The app's tracer, or undefined when nothing asked for traces: then no provider, exporter or span exists and
 * the request path never branches into tracing code. An injected provider (tests) wins over the settings.
 * The provider is never registered globally, so two apps in one process keep their spans apart.
 */
export function createTracing(settings: TracingSettings | undefined, injected?: TracerProvider): Tracing | undefined {
  if (injected !== undefined) return { tracer: injected.getTracer(SCOPE), close: () => Promise.resolve() };
  if (settings === undefined) return undefined;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    // Batched: a span's end costs a push to a buffer, never a request to the collector on the answer's path.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }))],
  });
  return { tracer: provider.getTracer(SCOPE), close: () => provider.shutdown() };
}
