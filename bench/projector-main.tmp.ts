import { printResults } from './bench-result';
import { benchProjector } from './projector.bench';
benchProjector().then((results) => { console.log(JSON.stringify(results, null, 1)); printResults(results); }).catch((error: unknown) => { console.error(error); process.exitCode = 1; });
