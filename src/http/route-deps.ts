import type { RegistryService } from '../app/registry-service.js';
import type { HttpMetrics } from './metrics.js';

/** What every route plugin is given: the service facade and the server's metrics. */
export interface RouteDeps {
  service: RegistryService;
  metrics: HttpMetrics;
}
