import { runAppMain } from '@tandem/runtime';
import { ReporterModule } from '@apps/reporter';

// The standalone reporter's own default port (health and /metrics), beside the projector's 4002.
process.env.PORT ??= '4003';

void runAppMain({ service: 'reporter', modules: [ReporterModule] });
