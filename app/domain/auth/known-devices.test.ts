import { describe, expect, it } from 'vitest'
import { deviceIdFor, KNOWN_DEVICE_ACCOUNTS, parseKnownDevices, rememberDevice } from './known-devices'

const id = (n: number) => `device-id-number-${String(n).padStart(4, '0')}`

describe('known devices', () => {
  it('finds the device id of the account named, and none for another account', () => {
    const devices = [{ userId: 'u1', deviceId: id(1) }]
    expect(deviceIdFor(devices, 'u1')).toBe(id(1))
    expect(deviceIdFor(devices, 'u2')).toBeNull()
  })

  it('puts the latest account first, keeps one entry per account and drops the oldest past the limit', () => {
    let devices = parseKnownDevices(undefined)
    for (let n = 0; n < KNOWN_DEVICE_ACCOUNTS + 2; n++) devices = rememberDevice(devices, `u${n}`, id(n))
    expect(devices).toHaveLength(KNOWN_DEVICE_ACCOUNTS)
    expect(devices[0]).toEqual({ userId: `u${KNOWN_DEVICE_ACCOUNTS + 1}`, deviceId: id(KNOWN_DEVICE_ACCOUNTS + 1) })
    expect(deviceIdFor(devices, 'u0')).toBeNull()
    devices = rememberDevice(devices, 'u5', id(5))
    expect(devices.filter((d) => d.userId === 'u5')).toHaveLength(1)
    expect(devices[0]!.userId).toBe('u5')
  })

  it('reads anything that is not a list of devices as none', () => {
    expect(parseKnownDevices('u1')).toEqual([])
    expect(parseKnownDevices([{ userId: 'u1' }])).toEqual([])
    expect(parseKnownDevices([{ userId: 'u1', deviceId: 'short' }])).toEqual([])
    expect(parseKnownDevices(Array.from({ length: KNOWN_DEVICE_ACCOUNTS + 1 }, (_, n) => ({ userId: `u${n}`, deviceId: id(n) })))).toEqual(
      [],
    )
  })
})
