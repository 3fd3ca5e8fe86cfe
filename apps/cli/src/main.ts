import 'reflect-metadata';
import { Command } from 'commander';
import { registerEventsCommands } from './events.command';
import { registerProjectionCommands } from './projections.command';
import { registerRegulatorCommands } from './regulator/regulator.commands';
import { registerUsersCommands } from './users/users.command';
import { registerVerifyCommand } from './verify.command';

/** Operator and regulator commands. Configuration comes from the same environment variables as the apps. */
const program = new Command('certification').description('Certification lifecycle operator commands');
registerVerifyCommand(program);
registerUsersCommands(program);
registerProjectionCommands(program);
registerEventsCommands(program);
registerRegulatorCommands(program);

program.parseAsync(process.argv).catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 2;
});
