// nock intercepts every HTTP request of its process once imported, and a worker runs many spec files in turn: the
// client harness keeps it off except inside the files that call interceptWithNock (tests/unit/client/harness.ts).
import http from 'node:http';
import { expect, test } from '@playwright/test';
import nock from 'nock';
import './harness.js';

test('importing nock through the client harness leaves real HTTP alone until a file asks for nock', () => {
  expect(nock.isActive()).toBe(false);
  expect(http.ClientRequest.name).toBe('ClientRequest');
});
