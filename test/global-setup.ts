import { buildFunctions } from '../tools/build-functions';

/** Integration tests run the built bundles, exactly what the cloud runs. */
export default async function globalSetup(): Promise<void> {
  await buildFunctions();
}
