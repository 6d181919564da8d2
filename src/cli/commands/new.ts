import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import { levels } from '../../formats/common.js'
import { t } from '../strings.js'

export interface NewArgs {
  agencyId: string
  year?: number
  agency?: string
  level?: (typeof levels)[number]
  region?: string
  content: string
  lang: Lang
}

export const newCommand: CommandModule<object, NewArgs> = {
  command: 'new <agency-id>',
  describe: t('new.describe'),
  builder: (y) =>
    y
      .positional('agency-id', { type: 'string', describe: t('new.agencyId') })
      .option('year', { type: 'number', describe: t('new.year') })
      .option('agency', { type: 'string', describe: t('new.agency') })
      .option('level', { choices: levels, describe: t('new.level') })
      .option('region', { type: 'string', describe: t('new.region') })
      .option('content', { type: 'string', default: 'content', describe: t('new.content') }) as unknown as Argv<NewArgs>,
  handler: async (args) => (await import('./new-run.js')).runNew(args),
}
