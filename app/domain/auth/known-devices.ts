import { z } from 'zod'

/**
 * A browser that signed in to an account before holds that account's device id in its device
 * cookie (signed with the session secret, so it cannot be made up). A sign-in that brings the
 * device id of the account it names is slowed only by that device's own failures, not by what
 * others did to the account or from the address (OWASP's "device cookies"): a guesser cannot lock
 * the owner out. One browser keeps the accounts of the last few people who used it, as the
 * front-desk PCs of a shift are shared.
 */
export const KNOWN_DEVICE_ACCOUNTS = 8

/** A year: a device cookie outlives sessions (it proves only that this browser signed in before). */
export const KNOWN_DEVICE_TTL_MS = 365 * 24 * 60 * 60 * 1000

export const KnownDevicesSchema = z
  .array(z.object({ userId: z.string().min(1).max(64), deviceId: z.string().min(16).max(64) }))
  .max(KNOWN_DEVICE_ACCOUNTS)
export type KnownDevice = z.infer<typeof KnownDevicesSchema>[number]

/** What a device cookie's value holds, or nothing when it is not a list of known devices. */
export function parseKnownDevices(value: unknown): KnownDevice[] {
  const parsed = KnownDevicesSchema.safeParse(value)
  return parsed.success ? parsed.data : []
}

/** This browser's device id for an account, if it signed in to it before. */
export function deviceIdFor(devices: KnownDevice[], userId: string): string | null {
  return devices.find((d) => d.userId === userId)?.deviceId ?? null
}

/** The list after a sign-in to `userId` from this browser: that account first, the oldest dropped past the limit. */
export function rememberDevice(devices: KnownDevice[], userId: string, deviceId: string): KnownDevice[] {
  return [{ userId, deviceId }, ...devices.filter((d) => d.userId !== userId)].slice(0, KNOWN_DEVICE_ACCOUNTS)
}
