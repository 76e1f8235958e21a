import { config as loadDotenv } from 'dotenv';
import { main } from '../feedback/gaps-cli';
import { openAnswerer } from './gaps-answerer';

loadDotenv({ quiet: true });
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, openAnswerer });
