import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectPageChecks, signInAs, startHarbour, type Harbour } from './harness.js';
import { KS2, startFiltering, type Filtering } from './filtering-support.js';

/**
 * A school setting filtering up from nothing in the browser (issue 4): the starter groups, then the KS2
 * subnet, staff social media at break times and an imported gambling list, each in a change request made by
 * technical staff and approved by the head, and each live on the resolver once approved.
 */
describe('setting filtering up in the web app', () => {
  let h: Harbour;
  let f: Filtering;
  beforeAll(async () => {
    h = await startHarbour();
    f = await startFiltering(h);
  });
  afterAll(async () => {
    await f.close();
    await h.close();
  });

  const pageAs = async (username: string): Promise<Page> => {
    const context = await h.newContext();
    await signInAs(h, context, username);
    return context.newPage();
  };
  const send = async (tech: Page, title: string) => {
    await tech.getByLabel('Title').fill(title);
    await tech.getByLabel('Why').fill('Setting up the school’s filtering');
    await tech.getByLabel(/educational view/).fill('Pupils are kept from unsuitable sites.');
    await tech.getByLabel(/technical view/).fill('Groups by subnet; nothing else changes.');
    await tech.getByRole('button', { name: 'Send for approval' }).click();
    await tech.getByRole('heading', { name: new RegExp(`Change request \\d+: ${title}`) }).waitFor();
    return tech.url();
  };
  const approve = async (url: string) => {
    const head = await pageAs('head');
    await head.goto(url);
    await head.getByRole('button', { name: 'Approve and apply' }).click();
    await head.getByText('Approved: the change is live on the resolver.').waitFor();
    await head.context().close();
  };

  it('proposes the starter groups, then a subnet, break times, a list and approved sites, all in the browser', async () => {
    const tech = await pageAs('tech');
    await tech.goto('/filtering');
    await tech.getByRole('link', { name: 'Propose the first groups' }).click();
    await tech.getByRole('button', { name: 'Add the starter groups to this request' }).click();
    await tech.getByText('Add the group “KS2”', { exact: false }).waitFor();
    expect(
      await tech.getByRole('list').filter({ hasText: 'Add the group' }).getByRole('listitem').count(),
    ).toBe(4);
    await approve(await send(tech, 'Starter groups'));
    // No subnet yet: every device is a guest, who must accept the visitor AUP first.
    expect((await f.ask('big-bets.example', KS2)).answers.some((a) => a.data.startsWith('192.0.2.'))).toBe(
      false,
    );

    await tech.goto('/filtering/changes/new');
    await tech
      .getByLabel('Kind of change')
      .selectOption({ label: 'Change a group (clients, categories, safe search)' });
    await tech.getByLabel('Group to change').selectOption({ label: 'KS2' });
    await tech.getByLabel(/Client subnets/).fill('127.0.10.0/24');
    await expectPageChecks(tech, 'change a group');
    await tech.getByRole('button', { name: 'Add to this request' }).click();
    await tech.getByText(/Change the group “KS2”: .*clients 127\.0\.10\.0\/24/).waitFor();

    await tech
      .getByLabel('Kind of change')
      .selectOption({ label: 'Change the settings (staff social media, break times, retention)' });
    await tech.getByLabel('Staff social media', { exact: true }).selectOption('break-times');
    await tech.getByLabel(/Break times/).fill('Mon-Fri 10:30-10:45\nMon-Fri 12:00-13:00');
    await tech.getByRole('button', { name: 'Add to this request' }).click();
    await tech.getByText('Change the filtering settings').waitFor();

    await tech.getByLabel('Kind of change').selectOption({ label: 'Import a list (file or URL)' });
    await tech.getByLabel('List name').fill('Gambling sites');
    await tech.getByLabel('Category (block lists)').selectOption({ label: 'Gambling' });
    await tech.getByLabel('File', { exact: true }).setInputFiles({
      name: 'gambling.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('big-bets.example\nspin-wheel.example\nnot a domain!\n'),
    });
    await tech.getByRole('button', { name: 'Add to this request' }).click();
    await tech.getByText('Imported 2 names; 1 bad lines skipped.').waitFor();
    await tech.getByText('Add the list “Gambling sites” from a staged import').waitFor();
    await expectPageChecks(tech, 'change request with three changes');
    await approve(await send(tech, 'KS2 subnet, break times and gambling'));

    const answer = await f.ask('big-bets.example', KS2);
    expect(answer.answers.map((a) => a.data)).toEqual(['127.0.0.1']);
    expect((await f.ask('library.example', KS2)).answers[0]!.data).toMatch(/^192\.0\.2\./);
    const policy = await h.ctx.db.selectFrom('filter_settings').select('value').executeTakeFirstOrThrow();
    expect(JSON.parse(policy.value).staffSocialMedia).toEqual({
      mode: 'break-times',
      breakTimes: [
        { days: [1, 2, 3, 4, 5], from: '10:30', to: '10:45' },
        { days: [1, 2, 3, 4, 5], from: '12:00', to: '13:00' },
      ],
    });

    // EYFS and KS1 see approved sites only: an allow list, then the group uses it.
    await tech.goto('/filtering/changes/new');
    await tech.getByLabel('Kind of change').selectOption({ label: 'Import a list (file or URL)' });
    await tech.getByLabel('List name').fill('Approved for EYFS and KS1');
    await tech.getByLabel('Kind', { exact: true }).selectOption('allow');
    await tech.getByLabel('File', { exact: true }).setInputFiles({
      name: 'approved.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('phonics-fun.example\n'),
    });
    await tech.getByRole('button', { name: 'Add to this request' }).click();
    await tech.getByText('Imported 1 names; 0 bad lines skipped.').waitFor();
    await approve(await send(tech, 'Approved sites list'));
    await tech.goto('/filtering/changes/new');
    await tech
      .getByLabel('Kind of change')
      .selectOption({ label: 'Change a group (clients, categories, safe search)' });
    await tech.getByLabel('Group to change').selectOption({ label: 'EYFS and KS1' });
    await tech.getByLabel(/Client subnets/).fill('127.0.30.0/24');
    await tech.getByLabel('Approved for EYFS and KS1').check();
    await tech.getByRole('button', { name: 'Add to this request' }).click();
    await tech.getByText(/Change the group “EYFS and KS1”: .*1 approved-site list/).waitFor();
    await approve(await send(tech, 'EYFS and KS1 on approved sites'));
    const EYFS = '127.0.30.9';
    expect((await f.ask('phonics-fun.example', EYFS)).answers[0]!.data).toMatch(/^192\.0\.2\./);
    expect((await f.ask('library.example', EYFS)).answers.map((a) => a.data)).toEqual(['127.0.0.1']);

    await tech.goto('/filtering');
    await tech.getByRole('cell', { name: '127.0.10.0/24' }).waitFor();
    await tech.getByText(/Break times only: Mon–Fri 10:30–10:45; Mon–Fri 12:00–13:00/).waitFor();
    // A scheduled rule, then the same rule changed in place: golden time on Friday afternoons for KS2.
    await tech.goto('/filtering/changes/new');
    await tech.getByLabel('Kind of change').selectOption({ label: 'Add a scheduled rule (time windows)' });
    await tech.getByLabel('Group', { exact: true }).selectOption({ label: 'KS2' });
    await tech.getByLabel('Label').fill('Golden time');
    await tech.getByRole('checkbox', { name: 'Games' }).check();
    for (const d of ['Monday', 'Tuesday', 'Wednesday', 'Thursday']) await tech.getByLabel(d).uncheck();
    await tech.getByLabel('From').fill('14:00');
    await tech.getByLabel('To', { exact: true }).fill('15:00');
    await tech.getByRole('button', { name: 'Add to this request' }).click();
    await tech.getByText('Add the scheduled rule “Golden time”: allow Games at Fri 14:00–15:00').waitFor();
    await approve(await send(tech, 'Golden time'));
    await tech.goto('/filtering/changes/new');
    await tech.getByLabel('Kind of change').selectOption({ label: 'Change a scheduled rule' });
    await tech.getByLabel(/When \(one a line/).fill('Fri 13:30-15:15');
    await expectPageChecks(tech, 'change a scheduled rule');
    await tech.getByRole('button', { name: 'Add to this request' }).click();
    await tech.getByText('Change the scheduled rule “Golden time”: allow Games at Fri 13:30–15:15').waitFor();
    await approve(await send(tech, 'Longer golden time'));
    const rule = await h.ctx.db.selectFrom('filter_schedules').select('windows').executeTakeFirstOrThrow();
    expect(JSON.parse(rule.windows)).toEqual([{ days: [5], from: '13:30', to: '15:15' }]);
  });
});
