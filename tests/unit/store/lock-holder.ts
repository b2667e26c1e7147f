/** Child process for the lock test: opens the store, says so, and holds it until killed. */
import { openStore } from '../../../src/main/store'
import { fakeSchema } from './fake-schema'

const dir = process.argv[2]
if (dir) {
  openStore({ dir, schema: fakeSchema(), backupOnOpen: false })
    .then(() => {
      process.stdout.write('locked\n')
      setInterval(() => undefined, 1000)
    })
    .catch((err: unknown) => {
      process.stdout.write(`failed ${err instanceof Error ? err.message : String(err)}\n`)
      process.exit(1)
    })
}
