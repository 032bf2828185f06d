import { Testing } from 'cdk8s';
import { expectInvalid } from './support';
import { checkCron, cronProblem } from '../../src/core/cron';

describe('cron schedules of disruption budgets', () => {
  test.each([
    '0 9 * * mon-fri', '*/15 * * * *', '0 0 1 jan,jul *', '0 22-23,0-5 * * *', '30 2 ? * SUN', '5/10 * * * *', '0 0 31 12 6',
    '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly',
  ])('accepts %p', (expression) => {
    expect(cronProblem(expression)).toBeUndefined();
  });

  test.each([
    ['@every 5m', 'unknown macro'],
    ['CRON_TZ=UTC 0 9 * * *', 'has 6 fields'],
    ['0 0 9 * * *', 'has 6 fields'],
    ['0 9 * *', 'has 4 fields'],
    ['60 * * * *', 'minute: 60 is outside 0-59'],
    ['0 24 * * *', 'hour: 24 is outside 0-23'],
    ['0 0 0 * *', 'day of month: 0 is outside 1-31'],
    ['0 0 * 13 *', 'month: 13 is outside 1-12'],
    ['0 0 * * 7', 'day of week: 7 is outside 0-6'],
    ['0 0 * foo *', 'month: "foo" is not a number or a name'],
    ['0 0 * * 1-2-3', 'more than one "-"'],
    ['*/2/3 * * * *', 'more than one "/"'],
    ['*/x * * * *', 'step "x"'],
    ['5-1 * * * *', 'starts after it ends'],
  ])('rejects %p', (expression, reason) => {
    expect(cronProblem(expression)).toContain(reason);
  });

  test('throws with the construct path, the field, the schedule and the accepted forms', () => {
    const chart = Testing.chart();
    expectInvalid(() => checkCron(chart, 'schedule', '@every 1h'), '[test] schedule', '"@every 1h"', '5-field cron expression', '@hourly');
  });
});
