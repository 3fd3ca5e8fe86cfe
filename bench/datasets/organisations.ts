import type { DemoOrganisation } from '../../apps/cli/src/demo/organisations';

/**
 * Deterministic, realistic-looking organisations for the benchmark data, in the demo's shape (so that the demo's
 * 附录A form and materials serve both): a Chinese company name built from a city, a two-syllable brand and an
 * industry, a valid 统一社会信用代码 (check character computed by the demo's `usccOf`), an address. The brand alone
 * matches a few dozen holders among 100k, so it is a realistic registry search term.
 */
const CITIES: { name: string; province: string; region: string }[] = [
  { name: '北京', province: '北京市', region: '110105' },
  { name: '上海', province: '上海市', region: '310115' },
  { name: '广州', province: '广东省广州市', region: '440106' },
  { name: '深圳', province: '广东省深圳市', region: '440305' },
  { name: '杭州', province: '浙江省杭州市', region: '330110' },
  { name: '南京', province: '江苏省南京市', region: '320105' },
  { name: '苏州', province: '江苏省苏州市', region: '320505' },
  { name: '成都', province: '四川省成都市', region: '510107' },
  { name: '武汉', province: '湖北省武汉市', region: '420106' },
  { name: '西安', province: '陕西省西安市', region: '610113' },
  { name: '福州', province: '福建省福州市', region: '350102' },
  { name: '厦门', province: '福建省厦门市', region: '350203' },
  { name: '天津', province: '天津市', region: '120116' },
  { name: '重庆', province: '重庆市', region: '500112' },
  { name: '长沙', province: '湖南省长沙市', region: '430104' },
  { name: '郑州', province: '河南省郑州市', region: '410105' },
  { name: '济南', province: '山东省济南市', region: '370102' },
  { name: '青岛', province: '山东省青岛市', region: '370212' },
  { name: '合肥', province: '安徽省合肥市', region: '340104' },
  { name: '昆明', province: '云南省昆明市', region: '530102' },
];
const SYLLABLES = [
  '海',
  '云',
  '智',
  '信',
  '华',
  '达',
  '恒',
  '通',
  '瑞',
  '联',
  '新',
  '宏',
  '汇',
  '安',
  '博',
  '融',
  '创',
  '捷',
  '航',
  '晟',
  '拓',
  '合',
  '锦',
  '泰',
  '鼎',
  '润',
  '晨',
  '科',
  '远',
  '德',
  '方',
  '百',
  '星',
  '源',
  '金',
  '讯',
  '明',
  '卓',
  '诚',
  '睿',
  '嘉',
  '天',
  '悦',
  '兴',
  '峰',
  '腾',
  '数',
  '和',
];
const INDUSTRIES = [
  '银行客户服务中心',
  '保险销售服务',
  '网络科技',
  '信息服务',
  '电子商务',
  '智慧医疗服务',
  '政务数据运营',
  '物流',
  '通信服务',
  '能源服务',
];
const STREETS = ['人民路', '中山路', '解放路', '建设路', '科技园路', '世纪大道', '湖东路', '滨江路'];
const CHANNELS: string[][] = [
  ['PHONE', 'APP', 'WEB_CHAT'],
  ['PHONE', 'SMS', 'WECHAT'],
  ['WEB_CHAT', 'APP', 'EMAIL'],
  ['PHONE', 'APP'],
  ['PHONE', 'WECHAT', 'WEB_CHAT'],
];
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export interface BenchOrganisation extends DemoOrganisation {
  brand: string;
}

/** The brand (two syllables) of organisation `index`: SYLLABLES² ≈ 2,300 brands. */
export const brandOf = (index: number): string =>
  SYLLABLES[index % SYLLABLES.length] + SYLLABLES[Math.floor(index / SYLLABLES.length) % SYLLABLES.length];

const base31 = (value: number, width: number): string => {
  let text = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    text = USCC_ALPHABET[rest % 31] + text;
    rest = Math.floor(rest / 31);
  }
  return text;
};

export const organisationOf = (index: number): BenchOrganisation => {
  const city = CITIES[Math.floor(index / 7) % CITIES.length];
  const brand = brandOf(index);
  const industry = INDUSTRIES[Math.floor(index / 3) % INDUSTRIES.length];
  return {
    name: `${city.name}${brand}${industry}有限公司`,
    brand,
    address: `${city.province}${STREETS[index % STREETS.length]} ${(index % 997) + 1} 号`,
    // 91 (enterprise) + region (6 digits) + MA + 7 characters of the serial: 17 characters; the check one follows.
    usccBase: `91${city.region}MA${base31(index, 7)}`,
    legalRepresentative: '张伟',
    contactPerson: '李娜',
    channels: CHANNELS[index % CHANNELS.length],
    staff: 80 + (index % 600),
  };
};
