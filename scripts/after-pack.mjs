// electron-builder afterPack hook: drops the onnxruntime-node binaries of the platforms this package is not for.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export default async function afterPack(context) {
  const resources = context.packager.platform.name === 'mac'
    ? join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
    : join(context.appOutDir, 'resources');
  const bin = join(resources, 'app.asar.unpacked', 'node_modules', 'onnxruntime-node', 'bin');
  if (!existsSync(bin)) return;
  for (const napi of readdirSync(bin)) {
    for (const platform of readdirSync(join(bin, napi))) {
      if (platform !== context.electronPlatformName) rmSync(join(bin, napi, platform), { recursive: true, force: true });
    }
  }
}
