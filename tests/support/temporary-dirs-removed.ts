/**
 * Vitest setup file: the folders a test file made with temporaryDir are removed when the file ends.
 * (A hook registered by temporary-dir.ts itself ran for the first file of each thread only: threads
 * keep their modules from file to file, so that module is loaded once per thread, and every full run
 * left folders in the system's temporary folder: 65 of one property test alone.)
 */
import { afterAll } from 'vitest';
import { removeTemporaryDirs } from './temporary-dir';

afterAll(removeTemporaryDirs);
