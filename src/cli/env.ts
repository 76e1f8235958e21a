import { config as loadDotenv } from 'dotenv';
import { parseSettings, SettingsError, type Settings } from '../config';

/** Reads .env (if any) and the environment, checks every setting, and exits 1 with one line naming a bad one. */
export function settingsOrExit(overrides: Partial<Record<string, string>> = {}): Settings {
  loadDotenv({ quiet: true });
  try {
    return parseSettings({ ...process.env, ...overrides });
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
