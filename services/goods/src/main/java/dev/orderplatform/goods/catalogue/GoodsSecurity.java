package dev.orderplatform.goods.catalogue;

import dev.orderplatform.web.security.EndpointAuthorization;
import dev.orderplatform.web.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call the catalogue's HTTP API: anyone may browse, only administrators may change it. */
@Configuration(proxyBeanMethods = false)
class GoodsSecurity {

    @Bean
    EndpointAuthorization goodsEndpoints() {
        return requests -> requests.requestMatchers(HttpMethod.GET, GoodsController.PATH, GoodsController.PATH + "/*")
                .permitAll()
                .requestMatchers(GoodsController.PATH, GoodsController.PATH + "/**")
                .hasRole(Roles.ADMIN);
    }
}
