/**
 * Synthetic person names: plausibly Chinese, and always marked （虚拟） / (synthetic) so nobody mistakes them for
 * real teachers or students.
 */
import type { Prng } from './prng';

// Common surnames with their pinyin (weights roughly follow frequency: the first ones are drawn more often).
const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'],
  ['赵', 'Zhao'], ['吴', 'Wu'], ['周', 'Zhou'], ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'], ['胡', 'Hu'],
  ['郭', 'Guo'], ['何', 'He'], ['林', 'Lin'], ['罗', 'Luo'], ['高', 'Gao'], ['郑', 'Zheng'], ['梁', 'Liang'],
  ['谢', 'Xie'], ['宋', 'Song'], ['唐', 'Tang'], ['许', 'Xu'], ['韩', 'Han'], ['冯', 'Feng'], ['邓', 'Deng'],
  ['曹', 'Cao'], ['彭', 'Peng'], ['曾', 'Zeng'], ['田', 'Tian'], ['董', 'Dong'], ['潘', 'Pan'], ['袁', 'Yuan'],
  ['蒋', 'Jiang'], ['蔡', 'Cai'], ['余', 'Yu'], ['杜', 'Du'], ['叶', 'Ye'], ['程', 'Cheng'], ['魏', 'Wei'],
  ['沈', 'Shen'], ['顾', 'Gu'], ['陆', 'Lu'], ['姚', 'Yao'], ['钱', 'Qian'], ['汪', 'Wang'], ['范', 'Fan'],
];

const GIVEN: ReadonlyArray<readonly [string, string]> = [
  ['伟', 'wei'], ['芳', 'fang'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'], ['磊', 'lei'],
  ['洋', 'yang'], ['艳', 'yan'], ['勇', 'yong'], ['军', 'jun'], ['杰', 'jie'], ['娟', 'juan'], ['涛', 'tao'],
  ['明', 'ming'], ['超', 'chao'], ['霞', 'xia'], ['平', 'ping'], ['文', 'wen'], ['华', 'hua'], ['建', 'jian'],
  ['晨', 'chen'], ['思', 'si'], ['雨', 'yu'], ['欣', 'xin'], ['怡', 'yi'], ['宇', 'yu'], ['浩', 'hao'], ['然', 'ran'],
  ['子', 'zi'], ['涵', 'han'], ['博', 'bo'], ['睿', 'rui'], ['嘉', 'jia'], ['琪', 'qi'], ['晓', 'xiao'], ['佳', 'jia'],
  ['诺', 'nuo'], ['轩', 'xuan'], ['梓', 'zi'], ['昊', 'hao'], ['泽', 'ze'], ['俊', 'jun'], ['逸', 'yi'], ['辰', 'chen'],
  ['悦', 'yue'], ['彤', 'tong'], ['安', 'an'], ['宁', 'ning'], ['清', 'qing'], ['远', 'yuan'], ['志', 'zhi'],
  ['立', 'li'], ['新', 'xin'], ['海', 'hai'], ['燕', 'yan'], ['春', 'chun'], ['玲', 'ling'], ['慧', 'hui'], ['鹏', 'peng'],
];

/** The marker appended to every synthetic name. */
export const SYNTHETIC_MARK = Object.freeze({ zh: '（虚拟）', en: ' (synthetic)' });

export interface SyntheticName {
  zh: string;
  en: string;
}

/** A synthetic name: a common surname and a one- or two-character given name, marked as synthetic. */
export function syntheticPersonName(rng: Prng): SyntheticName {
  // Skew towards the frequent surnames: the square of a uniform number favours low indices.
  const u = rng.next();
  const [surname, surnamePinyin] = SURNAMES[Math.floor(u * u * SURNAMES.length)];
  const first = rng.pick(GIVEN);
  const given = rng.chance(0.75) ? [first, rng.pick(GIVEN)] : [first];
  const zhGiven = given.map((g) => g[0]).join('');
  let pinyin = given[0][1];
  if (given.length === 2) pinyin += (/^[aeo]/.test(given[1][1]) ? "'" : '') + given[1][1];
  const enGiven = pinyin.charAt(0).toUpperCase() + pinyin.slice(1);
  return { zh: `${surname}${zhGiven}${SYNTHETIC_MARK.zh}`, en: `${surnamePinyin} ${enGiven}${SYNTHETIC_MARK.en}` };
}
