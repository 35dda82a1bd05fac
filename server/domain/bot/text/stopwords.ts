/** English words that carry no topic: left out of matching. */
export const EN_STOPWORDS: ReadonlySet<string> = new Set(
  `a an the and or but if so of to in on at by for from with about as into than then there here
  i me my mine we us our you your yours u ur he she it its they them their this that these those
  is am are was were be been being do does did doing have has had having will would shall should
  can could may might must just also too very really please pls plz thanks thank hi hello hey
  what which who whom whose when where why how any some all no not yet still ever again
  get got im i'm it's dont don't cant can't wont won't isnt isn't didnt didn't hasnt hasn't
  want need would like know tell let ok okay oh hmm`
    .split(/\s+/)
    .filter(Boolean),
);

/** Chinese function characters: a bigram made only of these carries no topic. */
export const ZH_STOP_CHARS: ReadonlySet<string> = new Set([...'的了吗呢吧啊呀嘛哦哈么我你您他她它们是在有这那个一就都也还和与或请问想要能会可以吧喔噢哎嗯啦诶亲']);
