/**
 * Domain concepts: hand-written bank vocabulary grouped by what it signals. Each concept that
 * occurs becomes one extra feature for the classifier, so a word seen once in training
 * (e.g. "attrition") carries the weight the model learned for its whole concept ("churn").
 * Patterns run on the lower-cased, entity-masked message.
 */
const CONCEPTS: Readonly<Record<string, RegExp>> = {
  help: /\b(?:help|hlep|what can (?:you|u|i)|what (?:r|are) (?:you|u|ur|your)|how (?:do|can|does|to) (?:i )?(?:use|work|start)|capabilit|features? do you|functions?|commands?|menu|instructions?|guide|examples?|getting started|get started|skills?|tips|sorts? of (?:stuff|things)|ideas|hint|cover)\b|用法|提问|怎么跟你|可以查|帮助|功能|怎么用|怎么使用|如何使用|能做什么|能干什么|会做什么|能帮|干啥|哪些事|使用说明|指南|示例|菜单|支持哪些|可以问|问你/,
  profile: /\b(?:profile|360|overview of c|summary|who(?:'s| is)|tell me about|details|info|information|background|snapshot|brief me|look up|describe|full picture|everything we have|know about|pull up|customer card)\b|画像|基本信息|基本情况|资料|信息|档案|情况|介绍|是谁|视图|全景|什么样的客户|怎么样/,
  credit: /\b(?:credit|credti|score|scorecard|pd|default|lend|lending|approve|creditworth\w*|rating|band|grade|repay\w*|borrow|top-up loan|default risk)\b|偿债|额度|信用|评分|违约|放贷|放款|贷款|授信|还款|批贷|评级|等级|能贷|信用分/,
  churn: /\b(?:churn\w*|chrun|attrition|leave|leaving|walk(?:s|ing)? away|close (?:their|her|his|the)? ?accounts?|switch\w* banks?|lose|loyal\w*|retention risk|flight risk|moving to another bank|go elsewhere|elsewhere|walk(?: out)?|competitor|disengaged|move (?:his|her|their) money)\b|转走|换银行|跑了|他行|流失|要走|走了|离开|销户|留下|忠诚|转去|别的银行|换银行|转行/,
  segment: /\b(?:segment\w*|segmantation|cluster\w*|persona|tier|group|classif\w*|type of customer|mass affluent|high value|young professional|retiree|bucket|assignment|cohort)\b|归到|层级|类别|分群|客群|细分|分层|哪一类|哪类|类型|群体|标签|大众富裕|高价值|白领|分到/,
  collective: /\b(?:all|each|every|sizes?|biggest|largest|compare|across|per segment|by size|by number)\b|所有|各个|各|每个|一共|概览|总览|规模|最大|哪几个|有哪些/,
  campaign: /\b(?:campaign|target\w*|prospects?|leads?|pitch|offer|upsell|cross-sell|propensity|marketing list|recommend|who should|who to|likely to buy|candidates|push|would take)\b|营销|目标客户|潜在客户|推荐|推给|适合|拉一份|拉一个|潜力|推/,
  anomaly: /\b(?:unusu\w*|unusal|suspici\w*|suspicous|anomal\w*|odd|weird|strange|fraud\w*|fishy|red flags?|outliers?|abnormal|money laundering|look(?:s)? off|irregular)\b|奇怪|资金往来|异常|可疑|欺诈|洗钱|疑似|有没有问题|不正常/,
  transaction: /\b(?:transactions?|txns?|payments?|transfers?|withdrawals?|spending|activity|account)\b|交易|流水|转账|取现|账户/,
  policy: /\b(?:polic\w*|rules?|regulations?|handbook|procedure|process|allowed|can i|may i|must|required|requirements?|deadline|retention period|retain|keep|how long|approval authority|who can approve|who approves|signs? off|complaints?|aml|kyc|str|sanctions?|gifts?|consent|do-not-contact|cold call\w*|dual recording|cooling-off|compliance|escalation|third parties|timeline|frequency|file an|opt(?:ed)?[- ]?out|cut-?off|report(?:ing)?)\b|截止|上报|礼物|拒绝营销|短信|政策|规定|制度|流程|权限|审批|保存|保留|期限|时限|多久|投诉|反洗钱|勿扰|授权|礼品|制裁|双录|合规|升级|签字|要不要|行里|按照|第三方|能联系|打电话|催收|kyc/,
  count: /\b(?:how many|number of|count|total|sum|average|avg|distribution|breakdown|split|ratio|percentage|%|aum|portfolio size|stats|by city|by product|by segment|by risk band|headcount|how big is my|share of)\b|总额|多少|几个|数量|总数|总余额|总资产|平均|分布|占比|比例|统计|人数|客户数/,
  mine: /\b(?:my (?:portfolio|book|customers|clients)|do i have|in my)\b|我名下|我的客户|我有|我的portfolio/,
  model: /\b(?:models?|version|auc|gini|ks|psi|drift|trained|training|accura\w*|metrics|performance|features|algorithm|registry|deployed|monitoring|stability|stable|model card|retrain\w*)\b|重新训练|变量|模型|版本|漂移|训练|准确率|指标|特征|算法|部署|监控|效果|说明书|ks值|auc/,
  smalltalk: /^(?:hi|hello|hey|thanks?|thank you|thx|bye|see you|ok|okay|cool|nice|lol|good (?:morning|night|evening)|how are you)\b|\b(?:joke|weather|funny|music|pizza|bored|flight|football|stock price|capital of|translate|canteen|meeting room|coffee|taxi|dinner|lunch|restaurant|friday|traffic)\b|外卖|加班|叫个车|你好|谢谢|再见|天气|笑话|故事|哈哈|早上好|吃|会议|收到|无聊|几度|下雨|邮件|周末|辛苦|算了|不用了|嗯/,
};

/** The names of the concepts present in a masked message. */
export function conceptsIn(masked: string): string[] {
  return Object.entries(CONCEPTS)
    .filter(([, re]) => re.test(masked))
    .map(([name]) => name);
}
