import { runAppMain } from '@tandem/runtime';
import { ProjectorModule } from '@apps/projector';

// The standalone projector's own default port (health and /metrics), beside the gateway's 4001.
process.env.PORT ??= '4002';

void runAppMain({ service: 'projector', modules: [ProjectorModule] });
