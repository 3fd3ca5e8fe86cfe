import type { Command } from 'commander';
import { ConfigService } from '@nestjs/config';
import { validateEnvironment, type Environment } from '@app/config';
import { formatTailedEvent, kafkaSettingsFrom, tailStatusEvents } from '@app/messaging';

/** `events tail [--from-beginning] [--json]`: prints the certificate status events of the Kafka topic as they arrive. */
export const registerEventsCommands = (program: Command): void => {
  const events = program.command('events').description('Certificate status events on Kafka');
  events
    .command('tail')
    .description('Subscribe to the status topic with a fresh consumer group and print each event')
    .option('--from-beginning', 'start at the oldest retained event instead of new ones', false)
    .option('--json', 'print each event as one JSON object per line', false)
    .action(async (options: { fromBeginning: boolean; json: boolean }) => {
      const config = new ConfigService<Environment, true>(validateEnvironment(process.env));
      const settings = kafkaSettingsFrom(config);
      if (!settings) throw new Error('KAFKA_BROKERS is not set: no broker to read the status events from');
      const tail = await tailStatusEvents({
        settings,
        fromBeginning: options.fromBeginning,
        logger: { warn: (message) => console.error(message), error: (message) => console.error(message) },
        onEvent: (event) => console.log(options.json ? JSON.stringify(event) : formatTailedEvent(event)),
      });
      console.error(`Tailing ${settings.topic} on ${settings.brokers.join(',')} — Ctrl-C to stop`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await tail.stop();
    });
};
