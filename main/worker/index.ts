// The compute worker: started by main as an Electron utilityProcess, or as a Node child by `gr2r serve` and tests.
import { connectParent } from './parent-port';
import { WorkerRunner } from './runner';
import { tasks } from './tasks';

const port = connectParent();
const runner = new WorkerRunner((message) => port.send(message), tasks);
port.onMessage((data) => runner.receive(data));
