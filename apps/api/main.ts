import { runAppMain } from '@tandem/runtime';
import { ApiModule } from '@apps/api';

// The standalone API's own default port, so that it can run beside the embedded app (4000) and the gateway (4001).
process.env.PORT ??= '4002';

void runAppMain({ service: 'api', modules: [ApiModule] });
