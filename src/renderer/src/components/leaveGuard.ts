// A form that lives on a page (not in a dialog) registers here while it has unsaved changes,
// so leaving the page through the navigation asks first, and closing or reloading the window
// gets the browser's own prompt. The hash router in use cannot block navigation itself.
import { useEffect } from 'react'

let message: string | null = null

/** true when leaving is fine: nothing unsaved, or the user confirmed. */
export function confirmLeave(): boolean {
  return message === null || window.confirm(message)
}

export function useLeaveGuard(dirty: boolean, text: string): void {
  useEffect(() => {
    if (!dirty) return
    message = text
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => {
      message = null
      window.removeEventListener('beforeunload', onBeforeUnload)
    }
  }, [dirty, text])
}
