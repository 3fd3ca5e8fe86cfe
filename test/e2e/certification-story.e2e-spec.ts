import { startApi } from './api-harness';
import { describeCertificationStory } from './certification-story';

describeCertificationStory('on the embedded SQLite store', (start) => startApi(start));
