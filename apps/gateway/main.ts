import { runAppMain } from '@tandem/runtime';
import { GatewayModule } from '@apps/gateway';

// The standalone gateway's own default port, so that it can run beside the embedded app (4000).
process.env.PORT ??= '4001';

void runAppMain({ service: 'gateway', modules: [GatewayModule] });
