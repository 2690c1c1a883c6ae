// The staff's gestures in the screen tests: open the login with the quiet button, choose a role, type
// the PIN on the on-screen digits and enter.
import type { StaffRole } from '../../contract/staff';
import type { MountedApp } from './dom-harness';

/** A PIN the fake transport accepts (it accepts any unless a test says otherwise). */
export const SAMPLE_PIN = '482915';

/** Types a PIN with the on-screen digit keys of the focused PIN field. */
export async function typePin(app: MountedApp, pin: string): Promise<void> {
  for (const digit of pin) await app.click(`key-${digit}`);
}

/** From a screen with the "Personnel" button: logs in as `role` and lands on its panel. */
export async function openStaffPanel(app: MountedApp, role: StaffRole, pin = SAMPLE_PIN): Promise<void> {
  await app.click('attendant-open');
  await loginAs(app, role, pin);
}

/** On the login screen: chooses `role`, types the PIN on the keys and enters. */
export async function loginAs(app: MountedApp, role: StaffRole, pin = SAMPLE_PIN): Promise<void> {
  await app.click(`staff-role-${role}`);
  (app.get('staff-pin') as HTMLInputElement).focus();
  await app.settle();
  await typePin(app, pin);
  await app.click('staff-login');
}
