import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@citygrid/config';
import { UsersModule } from '@citygrid/users';
import { AuthGuard } from './auth.guard';
import { AuthSessionEntity } from './auth-session.entity';
import { AuthService } from './auth.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([AuthSessionEntity]),
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // A key object made once: given a string, jsonwebtoken would first try it as a public key on every token.
        const key = createSecretKey(Buffer.from(config.jwtSecret));
        return {
          // A call may bring a key of its own (the console token's); every other token uses the app's.
          secretOrKeyProvider: (_type: unknown, _token: unknown, options?: object) =>
            (options as { secret?: Buffer } | undefined)?.secret ?? key,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  providers: [AuthService, AuthGuard],
  exports: [AuthService, AuthGuard],
})
export class AuthModule {}
