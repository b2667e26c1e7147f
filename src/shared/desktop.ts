import { z } from 'zod'

/**
 * Commands the desktop shell (menu, notifications) sends to the page over one IPC channel.
 * The page parses every message with this schema before acting on it, so a malformed or
 * unexpected message does nothing.
 */
export const COMMAND_CHANNEL = 'liaison:command'

/** Registers the File → Export menu can write without a page open (each a whole register). */
export const MENU_EXPORTS = ['register.visits', 'register.internshipBases', 'register.alumni', 'register.alumniGroups', 'register.followUps'] as const

/** An in-app route: a path with an optional query, nothing that could leave the app. */
const appPath = z
  .string()
  .max(300)
  .regex(/^\/(?!\/)[A-Za-z0-9\-/_.~%]*(\?[A-Za-z0-9\-_.~%=&]*)?$/)

export const desktopCommand = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('navigate'), path: appPath }),
  /** the same as pressing Ctrl+K in the page */
  z.strictObject({ kind: z.literal('search') }),
  z.strictObject({ kind: z.literal('export'), name: z.enum(MENU_EXPORTS) }),
])
export type DesktopCommand = z.infer<typeof desktopCommand>

/** What the preload exposes as window.desktop; absent in browser mode. */
export interface DesktopBridge {
  /** subscribes to commands from the shell; returns the unsubscribe function */
  onCommand(listener: (command: unknown) => void): () => void
}
