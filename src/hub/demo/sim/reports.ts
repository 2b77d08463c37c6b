import type { EventDraft } from '../../../shared/protocol/envelope.ts';
import type { REPORT_STATUSES } from '../../../shared/protocol/eventData.ts';
import type { LonLat } from '../../../shared/protocol/geo.ts';
import { pad } from '../catalogBuild.ts';
import { roadLabel, wardOf } from '../places.ts';
import type { Rng } from '../rng.ts';
import { HOUR, MINUTE, PRIORITY_REPORT, SOURCE, poisson, type SimContext } from './context.ts';

/**
 * Citizen reports (phản ánh hiện trường): a new one every few minutes, each with an SLA deadline by
 * category, moving open → acknowledged → in_progress → resolved → closed. The resolution time is drawn
 * around the SLA, so roughly a third breach it. A backlog created before the start (some already
 * overdue) is published first, so the wall has something to show at once.
 */

type ReportStatus = (typeof REPORT_STATUSES)[number];

const CATEGORIES: { category: string; slaHours: number; titles: string[]; descriptions: string[] }[] = [
  { category: 'Ổ gà mặt đường', slaHours: 72, titles: ['Ổ gà lớn giữa làn xe máy', 'Mặt đường sụt lún, nhiều ổ gà'], descriptions: ['Mặt đường xuất hiện nhiều ổ gà sâu, nguy hiểm cho người đi xe máy, đề nghị sửa chữa sớm.'] },
  { category: 'Rác thải', slaHours: 24, titles: ['Rác thải tập kết sai nơi quy định', 'Rác ùn ứ nhiều ngày chưa thu gom'], descriptions: ['Rác thải sinh hoạt đổ bừa bãi ven đường, bốc mùi hôi, ảnh hưởng đến người dân xung quanh.'] },
  { category: 'Chiếu sáng', slaHours: 48, titles: ['Đèn chiếu sáng công cộng không sáng', 'Cột đèn bị nghiêng, chập điện'], descriptions: ['Cả đoạn đường tối om vào ban đêm, tiềm ẩn nguy cơ mất an toàn giao thông.'] },
  { category: 'Lấn chiếm vỉa hè', slaHours: 72, titles: ['Hộ kinh doanh lấn chiếm vỉa hè', 'Để xe chiếm hết lòng đường, vỉa hè'], descriptions: ['Người đi bộ phải xuống lòng đường vì vỉa hè bị lấn chiếm để bày bán hàng hóa.'] },
  { category: 'Ngập úng', slaHours: 6, titles: ['Ngập úng cục bộ sau mưa lớn', 'Cống thoát nước bị tắc gây ngập'], descriptions: ['Nước ngập sâu khoảng 30 cm, xe máy chết máy nhiều, đề nghị khơi thông cống rãnh.'] },
  { category: 'Tiếng ồn', slaHours: 4, titles: ['Tiếng ồn kéo dài từ quán karaoke', 'Công trình thi công gây ồn ban đêm'], descriptions: ['Tiếng ồn lớn kéo dài đến khuya, ảnh hưởng đến giấc ngủ của các hộ dân.'] },
  { category: 'Cây xanh', slaHours: 24, titles: ['Cây xanh gãy cành nguy hiểm', 'Cây đổ chắn một phần đường'], descriptions: ['Cành cây lớn có nguy cơ gãy rơi xuống đường, đề nghị cắt tỉa kịp thời.'] },
  { category: 'Đèn tín hiệu giao thông', slaHours: 12, titles: ['Đèn tín hiệu giao thông bị hỏng', 'Đèn tín hiệu nhấp nháy vàng liên tục'], descriptions: ['Đèn tín hiệu tại nút giao không hoạt động, xe cộ đi lại lộn xộn.'] },
];

interface Report {
  id: string;
  category: string;
  title: string;
  description: string;
  position: LonLat;
  address: string;
  status: ReportStatus;
  createdAt: number;
  slaDeadline: number;
}

const BACKLOG = 14;
const NEW_REPORT_MEAN_MS = 4 * MINUTE;

export interface Reports {
  /** Files a report of a category (by name) near a position now: what citizens do when the river rises. */
  file(category: string, near: LonLat, t: number): void;
}

export function createReports(ctx: SimContext, rng: Rng, startAt: number): Reports {
  let serial = 0;
  const seg = ctx.model.segments;
  const natural = ctx.model.naturalSegments;

  const publish = (r: Report, t: number, created: boolean): void => {
    const draft: EventDraft<'report.created' | 'report.updated'> = {
      type: created ? 'report.created' : 'report.updated',
      id: r.id,
      source: SOURCE,
      data: {
        category: r.category,
        title: r.title,
        description: r.description,
        position: r.position,
        address: r.address,
        status: r.status,
        createdAt: r.createdAt,
        updatedAt: t,
        slaDeadline: r.slaDeadline,
        observedAt: t,
      },
    } as EventDraft<'report.created' | 'report.updated'>;
    ctx.emit(PRIORITY_REPORT, draft);
  };

  const make = (createdAt: number, category?: string, near?: LonLat): { report: Report; plan: [ReportStatus, number][] } => {
    const c = CATEGORIES.find((x) => x.category === category) ?? rng.pick(CATEGORIES);
    const s = near ? nearestSegment(near) : rng.int(natural);
    const position: LonLat = [
      Math.round(((seg.mid[s * 2] as number) + rng.range(-0.0002, 0.0002)) * 1e6) / 1e6,
      Math.round(((seg.mid[s * 2 + 1] as number) + rng.range(-0.0002, 0.0002)) * 1e6) / 1e6,
    ];
    const ward = wardOf(position);
    const sla = c.slaHours * HOUR;
    const resolvedAt = createdAt + Math.round(sla * rng.range(0.25, 1.5));
    const ackAt = createdAt + Math.round(Math.min(sla * 0.1, rng.range(10, 60) * MINUTE));
    const workAt = ackAt + Math.round((resolvedAt - ackAt) * rng.range(0.1, 0.5));
    serial++;
    return {
      report: {
        id: `report:ls-${pad(serial, 5)}`,
        category: c.category,
        title: rng.pick(c.titles),
        description: rng.pick(c.descriptions),
        position,
        address: `Số ${1 + rng.int(250)} ${roadLabel(seg.roads[s] ?? '')}${ward ? `, ${ward}` : ''}, tỉnh Lạng Sơn`,
        status: 'open',
        createdAt,
        slaDeadline: createdAt + sla,
      },
      plan: [
        ['acknowledged', ackAt],
        ['in_progress', workAt],
        ['resolved', resolvedAt],
        ['closed', resolvedAt + Math.round(rng.range(30, 180) * MINUTE)],
      ],
    };
  };

  // A street segment near the place (within a few hundred metres, picked at random among the closest).
  const nearestSegment = (p: LonLat): number => {
    const close: number[] = [];
    for (let i = 0; i < natural; i++) {
      const dx = ((seg.mid[i * 2] as number) - p[0]) * 103_000;
      const dy = ((seg.mid[i * 2 + 1] as number) - p[1]) * 111_000;
      if (dx * dx + dy * dy < 600 * 600) close.push(i);
    }
    return close.length > 0 ? rng.pick(close) : rng.int(natural);
  };

  const follow = (r: Report, plan: [ReportStatus, number][]): void => {
    for (const [status, at] of plan) {
      ctx.schedule(at, (t) => {
        r.status = status;
        publish(r, t, false);
      });
    }
  };

  // The backlog: created up to two days ago, published in its current state at the start.
  ctx.schedule(startAt, (t) => {
    for (let i = 0; i < BACKLOG; i++) {
      const { report, plan } = make(startAt - Math.round(rng.range(0.2, 40) * HOUR));
      const done = plan.filter(([, at]) => at <= t);
      const last = done[done.length - 1];
      if (last && last[0] === 'closed') continue;
      if (last) report.status = last[0];
      publish(report, t, true);
      follow(report, plan.filter(([, at]) => at > t));
    }
  });

  poisson(ctx, rng, startAt, () => NEW_REPORT_MEAN_MS, (t) => {
    const { report, plan } = make(t);
    publish(report, t, true);
    follow(report, plan);
  });

  return {
    file(category, near, t) {
      const { report, plan } = make(t, category, near);
      publish(report, t, true);
      follow(report, plan);
    },
  };
}
