process.stdout.write('sshtrail: not yet\n');
