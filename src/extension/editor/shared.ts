/** One FlowFiles per extension activation, shared by the editor features and the simulator. */
import type { ExtensionServices } from '../services';
import { FlowFiles } from './flowFiles';

// Keyed by the extension context: the command table hands handlers a context object built from
// the same services, so the key must be what both share.
const instances = new WeakMap<object, FlowFiles>();

export function flowFilesFor(services: ExtensionServices): FlowFiles {
  let files = instances.get(services.context);
  if (!files) {
    files = new FlowFiles(services);
    instances.set(services.context, files);
    services.context.subscriptions.push(files);
  }
  return files;
}
