import { runAppMain } from '@tandem/runtime';
import { RecorderModule } from '@apps/recorder';

void runAppMain({ service: 'recorder', modules: [RecorderModule] });
