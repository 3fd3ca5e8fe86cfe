import { createHash } from 'node:crypto';
import { MATERIAL_CATEGORIES, usccCheckCharacter, type AnnexA, type Material } from '@app/domain';

/** An applicant organisation: the demo's six below, and the benchmark's generated ones (bench/datasets). */
export interface DemoOrganisation {
  name: string;
  address: string;
  /** First 17 characters of the 统一社会信用代码; the check character is computed. */
  usccBase: string;
  legalRepresentative: string;
  contactPerson: string;
  channels: string[];
  staff: number;
}

export const ORGANISATIONS = {
  bank: {
    name: '福州海峡银行股份有限公司客户服务中心',
    address: '福建省福州市鼓楼区湖东路 88 号',
    usccBase: '91350100MA2XK3P81',
    legalRepresentative: '林建华',
    contactPerson: '黄晓燕',
    channels: ['PHONE', 'APP', 'WEB_CHAT'],
    staff: 420,
  },
  telecom: {
    name: '闽通信息服务有限公司',
    address: '福建省厦门市思明区软件园二期观日路 24 号',
    usccBase: '91350200MA31T7Q52',
    legalRepresentative: '陈志明',
    contactPerson: '许丽',
    channels: ['PHONE', 'SMS', 'WECHAT'],
    staff: 610,
  },
  ecommerce: {
    name: '杭州云购网络科技有限公司',
    address: '浙江省杭州市余杭区文一西路 969 号',
    usccBase: '91330110MA2H0L6W3',
    legalRepresentative: '张立',
    contactPerson: '王蕾',
    channels: ['WEB_CHAT', 'APP', 'EMAIL'],
    staff: 280,
  },
  insurer: {
    name: '华信财产保险股份有限公司',
    address: '上海市浦东新区世纪大道 100 号',
    usccBase: '91310000MA1K4B7C9',
    legalRepresentative: '李国栋',
    contactPerson: '周婷',
    channels: ['PHONE', 'APP'],
    staff: 350,
  },
  hospital: {
    name: '南京康宁智慧医疗服务有限公司',
    address: '江苏省南京市建邺区江东中路 215 号',
    usccBase: '91320105MA1Y2D8E4',
    legalRepresentative: '吴海',
    contactPerson: '钱敏',
    channels: ['PHONE', 'WECHAT', 'WEB_CHAT'],
    staff: 120,
  },
  government: {
    name: '深圳市政务服务数据管理运营有限公司',
    address: '广东省深圳市福田区福中三路 2012 号',
    usccBase: '91440300MA5F9G0H7',
    legalRepresentative: '邓伟',
    contactPerson: '梁静',
    channels: ['PHONE', 'APP', 'WEB_CHAT', 'WECHAT'],
    staff: 540,
  },
} satisfies Record<string, DemoOrganisation>;

export const usccOf = (org: DemoOrganisation): string => org.usccBase + usccCheckCharacter(org.usccBase);

/** A complete 附录A form for an organisation, signed on `signedOn`. */
export const annexAFor = (org: DemoOrganisation, signedOn: string): AnnexA => ({
  organisation: {
    name: org.name,
    uscc: usccOf(org),
    address: org.address,
    legalRepresentative: org.legalRepresentative,
    contactPerson: org.contactPerson,
    phone: '+86 400 800 1234',
    email: `service@${usccOf(org).toLowerCase()}.example.cn`,
    serviceScale: `${org.staff} agents`,
    serviceFoundedOn: '2018-01-01',
  },
  serviceOverview: {
    staffCount: org.staff,
    channels: org.channels,
    serviceHours: '7×24',
    annualVolume: org.staff * 12_000,
    satisfactionRate: 92.4,
    mainServices: ['业务咨询', '投诉处理', '业务办理'],
  },
  managementSystem: {
    operatingSince: '2024-06-01',
    areas: {
      STRATEGY: { status: '智能客服战略规划已发布并年度评审', improvementPlan: '增加渠道级目标' },
      CAPABILITY: { status: '知识库与智能应答平台已上线', improvementPlan: '扩充知识库覆盖率' },
      OPERATIONS: { status: '质检抽样与绩效考核已运行', improvementPlan: '自动化质检' },
      MULTIMODAL: { status: '语音与文字渠道一体化', improvementPlan: '视频客服试点' },
    },
  },
  performanceIndicators: [
    { category: 'SERVICE', name: '客户满意度', target: '≥ 90%', actual: '92.4%' },
    { category: 'OPERATIONS', name: '接通率', target: '≥ 95%', actual: '96.8%' },
    { category: 'TECHNICAL', name: '系统可用性', target: '≥ 99.9%', actual: '99.95%' },
  ],
  declaration: { signedBy: org.legalRepresentative, signedOn, statementsAccepted: true, majorViolations: [] },
});

/** The §6.1.2 materials, each identified by the SHA-256 of its (here: synthetic) content. */
export const materialsFor = (org: DemoOrganisation): Material[] =>
  MATERIAL_CATEGORIES.filter((c) => c !== 'OTHER').map((category) => ({
    category,
    name: `${category.toLowerCase()}.pdf`,
    sha256: createHash('sha256').update(`${org.usccBase}:${category}`).digest('hex'),
  }));
