/**
 * Words that say nothing about a demand's category. Three groups: Chinese function words; the
 * boilerplate of hotline work orders and web letters (来电反映, 希望尽快处理…), which appears in every
 * category; and address/masking fragments (区, 号楼, XX, 某某), because place names are masked in real
 * data and the place is routed by geolocation, not by the text classifier.
 */
const FUNCTION_WORDS = `
的 了 着 过 是 在 有 和 与 及 或 而 且 并 但 就 都 也 还 又 再 才 很 太 更 最 非常 十分 特别 比较 已经 一直 一些
一个 一下 一点 一次 一天 这个 那个 这些 那些 这里 那里 这样 那样 这么 那么 什么 怎么 怎么办 为什么 哪里 谁 吗 呢 吧 啊
呀 哦 嘛 么 啦 哈 嗯 我 我们 你 你们 您 他 他们 她 它 它们 自己 大家 人家 咱们 其 之 所 以 于 为 被 把 让 给 对 向
从 到 往 由 跟 同 比 如 若 如果 因为 所以 但是 可是 然后 而且 并且 虽然 因此 以及 或者 还是 不是 没有 没 不 别 无
要 会 能 能够 可以 可能 应该 需要 想 得 地 个 些 上 下 里 中 内 外 前 后 时 时候 现在 目前 当时 之前 以后 以来 后来
每 各 等 等等 其他 其它 另外 即 便 即使 一 二 三 几 多 少 年 月 日 天 号 点 分 次 来 去 说 做 让 使 请 将 已 该
`;

const BOILERPLATE = `
市民 来电 来电人 来电反映 反映 反应 称 表示 诉求 诉求人 投诉 举报 咨询 建议 求助 您好 你好 尊敬 领导 谢谢 感谢 麻烦
希望 要求 请求 恳请 尽快 及时 马上 赶紧 处理 解决 落实 核实 核查 协调 相关 相关部门 有关 有关部门 部门 政府 问题
情况 事情 事 现象 一下子 目前 至今 到现在 多次 好几次 几次 一次次 至今未 未 仍 仍然 依然 始终 总是 经常 常常 天天
每天 长期 一段时间 情况属实 特此 此事 以上 如下 回复 答复 办理 关注 重视 帮助 帮忙 给予 予以 进行 存在 造成 导致
影响 严重 生活 正常 居民 群众 百姓 老百姓 住户 本人 家里 我家 家 人 大家伙 电话 打电话 12345 热线 工单
网格 网格员 巡查 发现 拍照 上报 请问 找 哪个 这种 那种 人称 居住 住在 事儿 个事儿 就是 不管 管 管一管 管管 动静
没动静 沟通 对方 理睬 不理 意见 苦不堪言 一名 另外 来看 看看 看 看了看 派 派人 人来 上次 说 说是 会 结果 只能 还有
最近 今天 昨天 上周 这几天 好几天 几天 半年 两年 一个多月 开始 这样 一样 如此 到底 居委会 社区 物业和社区 反馈
`;

const PLACE_FRAGMENTS = `
省 市 区 县 镇 乡 村 街 街道 路 巷 弄 胡同 号 号院 院 楼 号楼 栋 幢 单元 层 室 门牌 附近 周边 旁边 对面 位于 地址
某 某某 某某某 xx XX xxx XXX 此 该处 此处 一带 交叉口 花园 家园 新城 公寓 绿洲 嘉华 里 湾
`;

/** The stop-word set used by the tokenizer (exported so tests and docs can show it). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${FUNCTION_WORDS} ${BOILERPLATE} ${PLACE_FRAGMENTS}`.split(/\s+/).filter((w) => w.length > 0),
);
