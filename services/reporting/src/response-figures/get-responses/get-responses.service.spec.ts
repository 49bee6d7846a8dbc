import type { RoundReportReadStore } from '../../round-reports/round-report.read-store';
import type { FigureRow, ResponseFiguresStore } from '../response-figures.store';
import { GetResponsesService, toFigures } from './get-responses.service';

const figures = (over: Partial<FigureRow> = {}): FigureRow => ({ proposals: 10, answered: 6, accepted: 4, declined: 2, expired: 2, pending: 2, median_seconds: 3600.04, ...over });

function service(known: boolean) {
  const store = {
    roundTotals: async () => figures(),
    roundByUniversity: async () => [{ university_id: 'fdu', ...figures() }],
    roundExpired: async () => [
      { assignment_id: 'a1', university_id: 'fdu', project_id: 'P00001', expert_id: 'T000001', kind: 'teacher', proposed_at: new Date(0), deadline: new Date(1000) },
    ],
  };
  const rounds = { roundExists: async () => known };
  return new GetResponsesService(store as unknown as ResponseFiguresStore, rounds as unknown as RoundReportReadStore);
}

describe('response figures', () => {
  it('rate = answered over the proposals whose window closed; median to 0.1 s; null before any', () => {
    expect(toFigures(figures())).toMatchObject({ expiredUnanswered: 2, responseRate: 0.75, medianSecondsToAnswer: 3600 });
    expect(toFigures(figures({ answered: 0, expired: 0, median_seconds: null }))).toMatchObject({ responseRate: null, medianSecondsToAnswer: null });
  });

  it("answers a round's figures per university with its expired proposals, and not_found for a round reporting has not heard of", async () => {
    const report = await service(true).round('r1');
    expect(report.byUniversity).toEqual([expect.objectContaining({ universityId: 'fdu', responseRate: 0.75 })]);
    expect(report.expiredUnanswered[0]).toMatchObject({ assignmentId: 'a1', deadline: '1970-01-01T00:00:01.000Z' });
    await expect(service(false).round('r1')).rejects.toMatchObject({ code: 'not_found', message: 'round r1 does not exist' });
  });
});
